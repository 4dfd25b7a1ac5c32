"""What a deck will contain, in what order and why, before anything is rendered."""
