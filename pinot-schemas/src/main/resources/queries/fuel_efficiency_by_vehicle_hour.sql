-- Fuel efficiency per vehicle and hour: litres per 100 km (fuel used over distance driven, summed over 10 s windows).
-- @param from hour -24h First hour (a time, rounded down to its hour)
-- @param to hour now Last hour, included (a time, rounded down to its hour)
-- @param limit int 1000 Most rows to return (newest hours first)
SELECT vehicleId,
       windowHour * 3600000 AS hourStart,
       SUM(fuelUsedL) AS litres,
       SUM(distanceKm) AS km,
       100 * SUM(fuelUsedL) / SUM(distanceKm) AS litresPer100Km
FROM vehicle_features
WHERE windowKind = 'TUMBLING_10S'
  AND windowHour >= ${from} AND windowHour <= ${to}
GROUP BY vehicleId, windowHour
HAVING SUM(distanceKm) > 0
ORDER BY windowHour DESC, vehicleId
LIMIT ${limit}
