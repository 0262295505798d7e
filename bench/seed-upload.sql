-- Seeds an uploaded open dataset of :count rows for the Vänersborg demo tenant, as an administrator's upload
-- of a CSV of measuring points would have stored it (run as a superuser, so RLS is bypassed): a name, a
-- whole number from 0 to 999, one of four areas, and a place in WGS84.
-- Parameters (psql -v): tenant (uuid), count.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO opendata.uploaded_dataset (tenant_id, id, title, description, keywords, theme, license, contact_name,
    contact_email, columns, column_types, geometry, latitude_column, longitude_column, row_count, file_name, issued,
    modified, version, changed_by)
VALUES (:'tenant', 'matpunkter', 'Mätpunkter', 'Mätpunkter för benchmark.', ARRAY['mätning'], 'ENVI', 'CC0',
    'Miljöenheten', 'miljo@example.org', ARRAY['namn', 'varde', 'omrade', 'latitud', 'longitud'],
    ARRAY['TEXT', 'INTEGER', 'TEXT', 'DECIMAL', 'DECIMAL'], 'POINT', 'latitud', 'longitud', :count, 'matpunkter.csv',
    current_date, now(), 1, 'user:bench');
INSERT INTO opendata.uploaded_row (tenant_id, dataset, n, cells, geometry)
SELECT :'tenant', 'matpunkter', g,
       jsonb_build_array('Punkt ' || g, g % 1000, (ARRAY['Centrum', 'Vargön', 'Onsjö', 'Brätte'])[1 + g % 4],
                         58.35 + (g % 1000) / 10000.0, 12.30 + (g % 997) / 10000.0),
       jsonb_build_object('type', 'Point', 'coordinates',
                          jsonb_build_array(12.30 + (g % 997) / 10000.0, 58.35 + (g % 1000) / 10000.0))
FROM generate_series(1, :count) g;
COMMIT;
ANALYZE opendata.uploaded_row;
