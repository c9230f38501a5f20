# Models are added here, one per file.
