-- Alerts per hour of their start, kind and severity (each alert once, in its latest state): how many, how many still open, how many from models.
-- @param from time -24h Start of the interval (alerts starting at or after it)
-- @param to time now End of the interval (exclusive)
-- @param limit int 1000 Most rows to return (newest hours first)
SELECT DATETRUNC('HOUR', startTime, 'MILLISECONDS') AS hourStart,
       kind,
       severity,
       COUNT(*) AS alerts,
       SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END) AS stillOpen,
       SUM(CASE WHEN source = 'MODEL' THEN 1 ELSE 0 END) AS fromModels
FROM alerts
WHERE startTime >= ${from} AND startTime < ${to}
GROUP BY DATETRUNC('HOUR', startTime, 'MILLISECONDS'), kind, severity
ORDER BY DATETRUNC('HOUR', startTime, 'MILLISECONDS') DESC, kind, severity
LIMIT ${limit}
