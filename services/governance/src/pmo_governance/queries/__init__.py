"""Read queries over the inline read tables; pure SQL, run through Database.read."""
