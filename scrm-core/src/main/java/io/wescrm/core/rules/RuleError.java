package io.wescrm.core.rules;

/**
 * One reason a rule definition was refused.
 *
 * @param path where in the JSON (e.g. {@code condition.all[1].op})
 * @param code stable code (UNKNOWN_FIELD, OPERATOR_NOT_ALLOWED, MISSING_VALUE, UNKNOWN_TAG, ...)
 * @param message zh-CN, for operators
 * @param detail English, for logs and developers
 */
public record RuleError(String path, String code, String message, String detail) {
}
