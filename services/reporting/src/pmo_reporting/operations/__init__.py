"""Operations on the read models: rebuild from the stream and swap, consumer lag metrics."""
