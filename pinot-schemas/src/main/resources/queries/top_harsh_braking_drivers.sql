-- Drivers with the most harsh-braking onsets in the last 24 h (counted in 10 s windows, from the start of the hour 24 h ago), with the distance they drove.
-- @param since hour -24h Start of the interval (a time, rounded down to its hour)
-- @param limit int 10 Number of drivers
SELECT driverId,
       SUM(harshBrakeCount) AS harshBrakes,
       SUM(distanceKm) AS km,
       COUNT(*) AS windows
FROM vehicle_features
WHERE windowKind = 'TUMBLING_10S'
  AND windowHour >= ${since}
GROUP BY driverId
ORDER BY SUM(harshBrakeCount) DESC, driverId
LIMIT ${limit}
