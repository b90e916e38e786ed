package io.fleetpulse.flink.impute.csv;

/** A CSV file that cannot be imputed, with a message naming where and why. */
public final class CsvImputeException extends RuntimeException {

    public CsvImputeException(String message) {
        super(message);
    }
}
