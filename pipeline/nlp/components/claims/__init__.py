"""The claim finder: attribution, denial and targeting statements read from the parse."""
