package org.sw4j.webapi.error;

/**
 * The names of {@code DOMException}s that sw4j throws, with the legacy {@code code} values that
 * WebIDL assigns to the older ones (WebIDL § "DOMException names" table); names added after the
 * code table was frozen have code 0.
 */
public enum DomExceptionName {
    INDEX_SIZE_ERROR("IndexSizeError", 1),
    HIERARCHY_REQUEST_ERROR("HierarchyRequestError", 3),
    WRONG_DOCUMENT_ERROR("WrongDocumentError", 4),
    INVALID_CHARACTER_ERROR("InvalidCharacterError", 5),
    NO_MODIFICATION_ALLOWED_ERROR("NoModificationAllowedError", 7),
    NOT_FOUND_ERROR("NotFoundError", 8),
    NOT_SUPPORTED_ERROR("NotSupportedError", 9),
    INUSE_ATTRIBUTE_ERROR("InUseAttributeError", 10),
    INVALID_STATE_ERROR("InvalidStateError", 11),
    SYNTAX_ERROR("SyntaxError", 12),
    INVALID_MODIFICATION_ERROR("InvalidModificationError", 13),
    NAMESPACE_ERROR("NamespaceError", 14),
    INVALID_ACCESS_ERROR("InvalidAccessError", 15),
    TYPE_MISMATCH_ERROR("TypeMismatchError", 17),
    SECURITY_ERROR("SecurityError", 18),
    NETWORK_ERROR("NetworkError", 19),
    ABORT_ERROR("AbortError", 20),
    URL_MISMATCH_ERROR("URLMismatchError", 21),
    QUOTA_EXCEEDED_ERROR("QuotaExceededError", 22),
    TIMEOUT_ERROR("TimeoutError", 23),
    INVALID_NODE_TYPE_ERROR("InvalidNodeTypeError", 24),
    DATA_CLONE_ERROR("DataCloneError", 25),
    ENCODING_ERROR("EncodingError", 0),
    NOT_READABLE_ERROR("NotReadableError", 0),
    UNKNOWN_ERROR("UnknownError", 0),
    CONSTRAINT_ERROR("ConstraintError", 0),
    DATA_ERROR("DataError", 0),
    TRANSACTION_INACTIVE_ERROR("TransactionInactiveError", 0),
    READ_ONLY_ERROR("ReadOnlyError", 0),
    VERSION_ERROR("VersionError", 0),
    OPERATION_ERROR("OperationError", 0),
    NOT_ALLOWED_ERROR("NotAllowedError", 0),
    OPT_OUT_ERROR("OptOutError", 0);

    private final String jsName;
    private final int legacyCode;

    DomExceptionName(String jsName, int legacyCode) {
        this.jsName = jsName;
        this.legacyCode = legacyCode;
    }

    /** The name as JavaScript sees it in {@code DOMException.prototype.name}. */
    public String jsName() {
        return jsName;
    }

    /** The legacy {@code DOMException.prototype.code}, 0 for names without one. */
    public int legacyCode() {
        return legacyCode;
    }
}
