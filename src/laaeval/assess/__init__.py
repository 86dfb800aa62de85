"""assess: the interactive walk through the framework, saving every answer at once."""
