package dev.kinetic.serving.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Patch differ: the exact operations for each shape of change, and that applying them yields the target. */
class JsonPatchTest {

    static JsonNode json(String text) {
        try {
            return Manifests.json().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("equal", "{'a':1}", "{'a':1}", "[]"),
                Arguments.of(
                        "add a member", "{'a':1}", "{'a':1,'b':{'c':2}}", "[{'op':'add','path':'/b','value':{'c':2}}]"),
                Arguments.of("remove a member", "{'a':1,'b':2}", "{'a':1}", "[{'op':'remove','path':'/b'}]"),
                Arguments.of(
                        "replace a scalar", "{'a':1}", "{'a':'one'}", "[{'op':'replace','path':'/a','value':'one'}]"),
                Arguments.of(
                        "nested change",
                        "{'spec':{'template':{'x':1}}}",
                        "{'spec':{'template':{'x':2}}}",
                        "[{'op':'replace','path':'/spec/template/x','value':2}]"),
                Arguments.of(
                        "slash and tilde are escaped",
                        "{'metadata':{'annotations':{}}}",
                        "{'metadata':{'annotations':{'serving.knative.dev/creator':'a','x~y':'b'}}}",
                        "[{'op':'add','path':'/metadata/annotations/serving.knative.dev~1creator','value':'a'},"
                                + "{'op':'add','path':'/metadata/annotations/x~0y','value':'b'}]"),
                Arguments.of(
                        "array element changed",
                        "{'c':[{'image':'a'},{'image':'b'}]}",
                        "{'c':[{'image':'a'},{'image':'b','name':'n'}]}",
                        "[{'op':'add','path':'/c/1/name','value':'n'}]"),
                Arguments.of(
                        "array grows at the end",
                        "{'c':[1]}",
                        "{'c':[1,2,3]}",
                        "[{'op':'add','path':'/c/1','value':2},{'op':'add','path':'/c/2','value':3}]"),
                Arguments.of(
                        "array shrinks from the end",
                        "{'c':[1,2,3]}",
                        "{'c':[1]}",
                        "[{'op':'remove','path':'/c/2'},{'op':'remove','path':'/c/1'}]"),
                Arguments.of("type change", "{'a':{'b':1}}", "{'a':[1]}", "[{'op':'replace','path':'/a','value':[1]}]"),
                Arguments.of("null to value", "{'a':null}", "{'a':0}", "[{'op':'replace','path':'/a','value':0}]"),
                Arguments.of("root replaced", "[1]", "{'a':1}", "[{'op':'replace','path':'','value':{'a':1}}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void diffs(String name, String source, String target, String expected) {
        JsonNode patch = JsonPatch.diff(json(source), json(target));
        assertThat(patch).isEqualTo(json(expected));
        assertThat(JsonPatches.apply(json(source), patch)).isEqualTo(json(target));
    }

    @Test
    void theSourceIsNotChangedAndValuesAreCopies() {
        JsonNode source = json("{'a':{'b':1}}");
        JsonNode target = json("{'a':{'b':2},'c':{'d':3}}");
        JsonNode patch = JsonPatch.diff(source, target);
        ((com.fasterxml.jackson.databind.node.ObjectNode) target.get("c")).put("d", 4);
        assertThat(source).isEqualTo(json("{'a':{'b':1}}"));
        assertThat(patch.get(1).at("/value/d").asInt()).isEqualTo(3);
    }

    @Test
    void escapesTokens() {
        assertThat(JsonPatch.escape("a/b~c")).isEqualTo("a~1b~0c");
        assertThat(JsonPatch.escape("~1")).isEqualTo("~01");
    }
}
