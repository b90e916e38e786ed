package io.fleetpulse.serving.models;

/**
 * What {@link ModelRegistry#offer} did with a snapshot: accepted it as the model's newest version,
 * or ignored it because the registry already holds that version or a newer one.
 *
 * @param model the model name
 * @param offeredVersion the version offered
 * @param accepted whether it became the newest version
 * @param newestVersion the model's newest version after the offer
 * @param reason a readable sentence for logs
 */
public record OfferResult(
        String model, long offeredVersion, boolean accepted, long newestVersion, String reason) {

    static OfferResult accepted(String model, long version) {
        return new OfferResult(model, version, true, version, "accepted as newest version");
    }

    static OfferResult ignored(String model, long offered, long newest) {
        return new OfferResult(
                model,
                offered,
                false,
                newest,
                "ignored: version "
                        + offered
                        + (offered == newest ? " is already held" : " is older than " + newest)
                        + "; versions never go backwards");
    }
}
