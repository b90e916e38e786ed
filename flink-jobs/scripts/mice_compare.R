#!/usr/bin/env Rscript
# Imputes the slice that `fleet eval imputation --export-r DIR` wrote with R's mice (the
# canonical batch MICE) and prints its errors next to FleetPulse's streaming MICE on exactly the
# same hidden cells. Usage: Rscript mice_compare.R DIR [method] [m] [maxit]
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript mice_compare.R DIR [method=norm] [m=5] [maxit=5]")
dir <- args[1]
method <- if (length(args) >= 2) args[2] else "norm"
m <- if (length(args) >= 3) as.integer(args[3]) else 5L
maxit <- if (length(args) >= 4) as.integer(args[4]) else 5L
suppressPackageStartupMessages(library(mice))

masked <- read.csv(file.path(dir, "masked.csv"), na.strings = "NA", check.names = FALSE)
truth <- read.csv(file.path(dir, "truth.csv"), check.names = FALSE)
fleet <- read.csv(file.path(dir, "fleet-slice.csv"), check.names = FALSE)

started <- Sys.time()
imp <- mice(masked, m = m, maxit = maxit, method = method, printFlag = FALSE, seed = 1)
seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
est <- Reduce(`+`, lapply(seq_len(m), function(i) as.matrix(complete(imp, i)))) / m

cols <- match(truth$column, colnames(masked))
pred <- est[cbind(truth$row, cols)]
ok <- !is.na(pred)
err2 <- (pred - truth$truth)^2

rows <- lapply(split(seq_along(err2), truth$column), function(ix) {
  ix <- ix[ok[ix]]
  t <- truth$truth[ix]
  sdt <- sqrt(max(0, mean(t^2) - mean(t)^2))
  rmse <- sqrt(mean(err2[ix]))
  data.frame(column = truth$column[ix[1]], hidden = length(ix), r_rmse = rmse,
             r_nrmse = if (sdt > 0) rmse / sdt else NA)
})
r <- do.call(rbind, rows)
both <- merge(fleet, r, by = "column")
both$ratio <- both$fleet_nrmse / both$r_nrmse
fmt <- function(x) formatC(x, digits = 4, format = "f")
cat(sprintf("R mice (method=%s, m=%d, maxit=%d) on %d rows, %d hidden cells, %.1f s\n\n",
            method, m, maxit, nrow(masked), sum(ok), seconds))
cat(sprintf("%-20s %8s %14s %12s %14s %10s\n", "column", "hidden", "FleetPulse", "R mice", "daily mean*", "FP / R"))
for (i in seq_len(nrow(both))) {
  cat(sprintf("%-20s %8d %14s %12s %14s %10s\n", both$column[i], both$hidden.y[i], fmt(both$fleet_nrmse[i]),
              fmt(both$r_nrmse[i]), fmt(both$daily_mean_nrmse[i]), fmt(both$ratio[i])))
}
keep <- is.finite(both$fleet_nrmse) & is.finite(both$r_nrmse) & is.finite(both$daily_mean_nrmse)
cat(sprintf("\n%-20s %8s %14s %12s %14s %10s\n", "overall (mean NRMSE)", "", fmt(mean(both$fleet_nrmse[keep])),
            fmt(mean(both$r_nrmse[keep])), fmt(mean(both$daily_mean_nrmse[keep])),
            fmt(mean(both$fleet_nrmse[keep]) / mean(both$r_nrmse[keep]))))
cat("\n* daily-mean baseline over all hidden cells of the run, not only this slice\n")
write.csv(both, file.path(dir, "comparison.csv"), row.names = FALSE)
