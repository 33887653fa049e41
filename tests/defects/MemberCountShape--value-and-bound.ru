# focus: count:afil-2024-total
# message: A count has either an exact value (schema:value) or an upper bound (schema:maxValue)
INSERT DATA { count:afil-2024-total schema:maxValue 150 }
