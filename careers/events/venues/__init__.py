"""场地 (venues): the rooms talks and fairs book, the venue calendar and booking conflicts."""
