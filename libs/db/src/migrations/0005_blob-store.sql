-- Up Migration

-- The shared blob store (PostgresBlobStore): content-addressed by sha256, data in 1 MB chunks so
-- that writing and reading stream. A write inserts its chunks under a fresh upload id and the
-- blobs row last, all in one transaction: an aborted or oversized upload leaves nothing behind,
-- and of two concurrent uploads of the same content only the first blobs row survives.
CREATE TABLE blobs (
  sha256       text PRIMARY KEY CONSTRAINT blobs_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes   bigint NOT NULL CONSTRAINT blobs_size_nonnegative CHECK (size_bytes >= 0),
  upload_id    uuid NOT NULL,
  chunk_count  integer NOT NULL CONSTRAINT blobs_chunk_count_nonnegative CHECK (chunk_count >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT blobs_upload_id_key UNIQUE (upload_id)
);

CREATE TABLE blob_chunks (
  upload_id  uuid NOT NULL,
  seq        integer NOT NULL CONSTRAINT blob_chunks_seq_nonnegative CHECK (seq >= 0),
  data       bytea NOT NULL,
  PRIMARY KEY (upload_id, seq)
);
-- Model weights barely compress; storing chunks uncompressed saves CPU on both ends.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- Down Migration
DROP TABLE blob_chunks;
DROP TABLE blobs;
