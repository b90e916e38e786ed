-- Vehicles silent for more than N minutes: seen in the lookback window but not since (from 10 s windows, so last-seen lags by one window at most), longest silent first.
-- @param minutes int 10 Silence threshold in minutes
-- @param lookback hour -24h Only vehicles seen since the start of this hour
-- @param limit int 1000 Most vehicles to return
SELECT vehicleId,
       MAX(lastEventTime) AS lastSeen,
       (${now} - MAX(lastEventTime)) / 60000 AS silentMinutes
FROM vehicle_features
WHERE windowKind = 'TUMBLING_10S'
  AND windowHour >= ${lookback}
GROUP BY vehicleId
HAVING MAX(lastEventTime) < ${now} - ${minutes} * 60000
ORDER BY MAX(lastEventTime), vehicleId
LIMIT ${limit}
