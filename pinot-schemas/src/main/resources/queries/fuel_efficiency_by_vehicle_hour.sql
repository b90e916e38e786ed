-- Fuel efficiency per vehicle and hour: litres per 100 km (fuel used over distance driven, summed over 10 s windows).
-- @param from time -24h Start of the interval (inclusive)
-- @param to time now End of the interval (exclusive)
-- @param limit int 1000 Most rows to return (newest hours first)
SELECT vehicleId,
       DATETRUNC('HOUR', windowStart, 'MILLISECONDS') AS hourStart,
       SUM(fuelUsedL) AS litres,
       SUM(distanceKm) AS km,
       100 * SUM(fuelUsedL) / SUM(distanceKm) AS litresPer100Km
FROM vehicle_features
WHERE windowKind = 'TUMBLING_10S'
  AND windowStart >= ${from} AND windowStart < ${to}
GROUP BY vehicleId, DATETRUNC('HOUR', windowStart, 'MILLISECONDS')
HAVING SUM(distanceKm) > 0
ORDER BY DATETRUNC('HOUR', windowStart, 'MILLISECONDS') DESC, vehicleId
LIMIT ${limit}
