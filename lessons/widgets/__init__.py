"""The widgets and static views the lesson notebooks render; they compose the domain subpackages."""
