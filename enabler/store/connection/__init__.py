"""Opening the library file: connection, migrations, paths, row mapping."""
