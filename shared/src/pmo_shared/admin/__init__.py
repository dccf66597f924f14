"""Operations: the admin commands of `pmo` (migrate, republish, status)."""
