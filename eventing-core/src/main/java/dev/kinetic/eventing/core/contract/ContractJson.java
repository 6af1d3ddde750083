package dev.kinetic.eventing.core.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The contract's JSON form, as stored under the key {@value #DATA_KEY} of the contract ConfigMap. Unknown fields are
 * ignored on read, so an older data plane can read a newer controller's document.
 */
public final class ContractJson {
    /** The ConfigMap key holding the document. */
    public static final String DATA_KEY = "data";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ContractJson() {}

    /** The document for a contract. */
    public static String write(Contract contract) {
        try {
            return MAPPER.writeValueAsString(contract);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a contract always serializes", e);
        }
    }

    /**
     * The contract in a document.
     *
     * @throws IllegalArgumentException naming what is wrong when the document is not a contract
     */
    public static Contract read(String json) {
        try {
            Contract contract = MAPPER.readValue(json, Contract.class);
            if (contract == null) {
                throw new IllegalArgumentException("the contract document is empty");
            }
            return contract;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the contract document is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
