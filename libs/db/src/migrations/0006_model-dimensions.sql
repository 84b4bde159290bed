-- Up Migration

-- The values of a model's symbolic input dimensions given when it was registered (for example
-- {"p2o.DynamicDimension.1": 48}): the summary was computed with them, and a run without data
-- that tells the input shapes is measured at them (apps/worker). Names and values are checked by
-- ModelRepository; the object form is checked here.
ALTER TABLE models
  ADD COLUMN dimensions jsonb NOT NULL DEFAULT '{}' CONSTRAINT models_dimensions_object CHECK (jsonb_typeof(dimensions) = 'object');

-- Down Migration
ALTER TABLE models DROP COLUMN dimensions;
