"""What the files hold: frameworks and evidence files as frozen dataclasses, loaded and checked."""
