-- Share of values imputed per sensor (0 = all observed, 1 = all imputed) over whole hours, with the number of events.
-- @param from hour -24h First hour (a time, rounded down to its hour)
-- @param to hour now Last hour, included (a time, rounded down to its hour)
SELECT COUNT(*) AS events,
       AVG(latitudeImputed) AS latitude,
       AVG(longitudeImputed) AS longitude,
       AVG(speedKmhImputed) AS speedKmh,
       AVG(accelerationMps2Imputed) AS accelerationMps2,
       AVG(headingDegImputed) AS headingDeg,
       AVG(engineRpmImputed) AS engineRpm,
       AVG(engineLoadPctImputed) AS engineLoadPct,
       AVG(throttlePctImputed) AS throttlePct,
       AVG(coolantTempCImputed) AS coolantTempC,
       AVG(oilPressureKpaImputed) AS oilPressureKpa,
       AVG(fuelRateLphImputed) AS fuelRateLph,
       AVG(fuelLevelPctImputed) AS fuelLevelPct,
       AVG(brakePressureBarImputed) AS brakePressureBar,
       AVG(batteryVoltageVImputed) AS batteryVoltageV,
       AVG(odometerKmImputed) AS odometerKm,
       AVG(tyrePressureKpaImputed) AS tyrePressureKpa,
       AVG(ambientTempCImputed) AS ambientTempC,
       AVG(brakePadMmImputed) AS brakePadMm
FROM telemetry
WHERE eventHour >= ${from} AND eventHour <= ${to}
