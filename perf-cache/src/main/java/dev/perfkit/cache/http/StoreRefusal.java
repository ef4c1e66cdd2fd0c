package dev.perfkit.cache.http;

/** Why a response was not stored in the shared response cache. */
public enum StoreRefusal {
    /** The response says {@code Cache-Control: private}. */
    PRIVATE,
    /** The response or the request says {@code no-store}. */
    NO_STORE,
    /** The response says {@code Vary: *}. */
    VARY_ALL,
    /** The response's Vary differs from the one the request was keyed with; the next request uses the new one. */
    VARY_CHANGED,
    /** The response sets a cookie. */
    SET_COOKIE,
    /** The request carried Authorization and the response did not say public, s-maxage or must-revalidate. */
    AUTHORIZATION,
    /** The status is not cacheable by default and the route does not make it cacheable. */
    STATUS,
    /** The response has no freshness lifetime, no stale window and no validator to revalidate it with. */
    NOT_FRESH,
    /** The body is larger than the store limit. */
    TOO_LARGE,
    /** The request cannot be keyed safely: a header over the length limit, or an ambiguous path. */
    UNKEYABLE,
    /** The application ended the response with an error call. */
    ERROR,
    /**
     * The handler went asynchronous (the servlet {@code startAsync}): the response went to the client as the
     * application completed it, uncached.
     */
    ASYNC
}
