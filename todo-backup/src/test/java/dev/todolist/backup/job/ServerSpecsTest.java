package dev.todolist.backup.job;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What counts as the server keeping a collection's options and an index's spec. */
class ServerSpecsTest {

    private static Optional<String> options(String archived, String reported) {
        return ServerSpecs.optionsDifference(BsonDocument.parse(archived), BsonDocument.parse(reported));
    }

    private static Optional<String> index(String archived, String reported) {
        return ServerSpecs.indexDifference(BsonDocument.parse(archived), BsonDocument.parse(reported));
    }

    @Test
    void anOptionTheServerDroppedIsReported() {
        assertEquals(Optional.of("collation is missing (the archive says {\"locale\": \"fr\"})"),
                options("{collation: {locale: 'fr'}}", "{}"));
    }

    @Test
    void defaultsTheServerAddsAreNoDifference() {
        assertEquals(Optional.empty(), options("{collation: {locale: 'fr'}}",
                "{collation: {locale: 'fr', caseLevel: false, strength: 3}, validationLevel: 'strict'}"));
    }

    @Test
    void aNumberKeepsItsValueWhateverItsBsonType() {
        assertEquals(Optional.empty(), options("{capped: true, size: 4096}", "{capped: true, size: {$numberLong: '4096'}}"));
        assertEquals(Optional.of("size is 8192, the archive says 4096"),
                options("{capped: true, size: 4096}", "{capped: true, size: 8192}"));
    }

    @Test
    void aPipelineMustKeepItsStagesInOrder() {
        assertEquals(Optional.of("pipeline[0].$match is missing (the archive says {\"a\": 1})"),
                options("{viewOn: 'x', pipeline: [{$match: {a: 1}}, {$sort: {a: 1}}]}",
                        "{viewOn: 'x', pipeline: [{$sort: {a: 1}}, {$match: {a: 1}}]}"));
    }

    @Test
    void anIndexKeyInAnotherOrderIsAnotherIndex() {
        assertEquals(Optional.of("key {\"a\": 1, \"b\": -1} became {\"b\": -1, \"a\": 1}"),
                index("{v: 2, key: {a: 1, b: -1}, name: 'ab'}", "{v: 2, key: {b: -1, a: 1}, name: 'ab'}"));
    }

    @Test
    void anIndexOptionTheServerDroppedIsReported() {
        assertEquals(Optional.of("expireAfterSeconds is missing (the archive says 3600)"),
                index("{v: 2, key: {at: 1}, name: 'at_1', expireAfterSeconds: 3600}", "{v: 2, key: {at: 1}, name: 'at_1'}"));
        assertEquals(Optional.of("unique is false, the archive says true"),
                index("{v: 2, key: {e: 1}, name: 'e_1', unique: true}", "{v: 2, key: {e: 1}, name: 'e_1', unique: false}"));
    }

    @Test
    void indexBookkeepingIsNoDifference() {
        assertEquals(Optional.empty(), index("{v: 1, key: {a: 1.0}, name: 'a_1', ns: 'old.coll', background: true}",
                "{v: 2, key: {a: 1}, name: 'a_1'}"));
    }
}
