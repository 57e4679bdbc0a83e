package io.wescrm.web.api;

/** Error body of every API failure: a stable code, a zh-CN message for people, and the technical detail. */
public record ApiError(String code, String message, String detail) {
}
