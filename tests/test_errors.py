import pytest

from pipeline.errors import Errors, InputError


@pytest.mark.parametrize("code", list(Errors))
def test_errors_every_code_has_a_type_and_a_message(code):
    assert code.error_type and code.error_type.replace("-", "").isalpha()
    message = code.format("DETAIL")
    assert message and "{" not in message


def test_errors_input_error_carries_code_stage_and_message():
    exc = InputError(Errors.E004, "not a gzipped file", stage="sources")
    assert exc.code is Errors.E004 and exc.stage == "sources"
    assert "not a gzipped file" in exc.message and "E004" in str(exc)


def test_errors_codes_are_unique_messages():
    assert len({c.value for c in Errors}) == len(Errors)
