package io.fleetpulse.serving.predict;

import io.fleetpulse.learner.servable.ModelKind;
import io.fleetpulse.serving.http.ApiError;
import io.fleetpulse.serving.http.ApiException;
import io.fleetpulse.serving.models.UnknownModelException;

/**
 * Turns the registry's "cannot serve" into an HTTP refusal: a model or version nobody knows is 404;
 * one of the three known models whose first version has not arrived yet, or a pinned version not
 * loaded, is 503 (try again later).
 */
public final class Problems {

    private Problems() {}

    public static ApiException of(UnknownModelException e) {
        return switch (e.reason()) {
            case UNKNOWN_MODEL ->
                    ModelKind.forModelName(e.model()).isPresent()
                            ? new ApiException(
                                    ApiError.UNAVAILABLE,
                                    "model " + e.model() + " has no version yet")
                            : new ApiException(ApiError.UNKNOWN_MODEL, e.getMessage());
            case UNKNOWN_VERSION -> new ApiException(ApiError.UNKNOWN_VERSION, e.getMessage());
            case PINNED_VERSION_NOT_LOADED ->
                    new ApiException(ApiError.PINNED_VERSION_NOT_LOADED, e.getMessage());
        };
    }
}
