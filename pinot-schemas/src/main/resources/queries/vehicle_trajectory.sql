-- One vehicle's trajectory and sensors over an interval, in time order (imputedCount: how many values were imputed).
-- @param vehicle string - The vehicle id
-- @param from time -1h Start of the interval (inclusive)
-- @param to time now End of the interval (exclusive)
-- @param limit int 10000 Most rows to return
SELECT eventTime, seq, driverId,
       latitude, longitude, speedKmh, accelerationMps2, headingDeg,
       engineRpm, engineLoadPct, throttlePct, coolantTempC, oilPressureKpa,
       fuelRateLph, fuelLevelPct, brakePressureBar, batteryVoltageV,
       odometerKm, tyrePressureKpa, ambientTempC, brakePadMm,
       imputedCount
FROM telemetry
WHERE vehicleId = ${vehicle}
  AND eventTime >= ${from} AND eventTime < ${to}
ORDER BY eventTime
LIMIT ${limit}
