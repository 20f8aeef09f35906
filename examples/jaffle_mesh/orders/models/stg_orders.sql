{{ config(materialized='view') }}
-- Orders as the platform publishes them; protected: other domains read fct_orders instead.
select * from {{ ref('platform', 'src_orders') }}
