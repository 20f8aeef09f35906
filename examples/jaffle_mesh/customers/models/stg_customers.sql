{{ config(materialized='view') }}
select * from {{ ref('platform', 'src_customers') }}
