package dev.todolist.backup.job;

import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What counts as the server keeping a collection's options and an index's spec. Each row: what it
 * shows, the spec the archive holds, the one the server reports, and the difference (none if empty).
 */
class ServerSpecsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an option the server dropped is reported | {collation: {locale: 'fr'}} | {} \
            | collation is missing (the archive says {"locale": "fr"})
            defaults the server adds are no difference | {collation: {locale: 'fr'}} \
            | {collation: {locale: 'fr', caseLevel: false, strength: 3}, validationLevel: 'strict'} |
            a number keeps its value whatever its BSON type | {capped: true, size: 4096} \
            | {capped: true, size: {$numberLong: '4096'}} |
            another number is a difference | {capped: true, size: 4096} | {capped: true, size: 8192} \
            | size is 8192, the archive says 4096
            a pipeline must keep its stages in order | {viewOn: 'x', pipeline: [{$match: {a: 1}}, {$sort: {a: 1}}]} \
            | {viewOn: 'x', pipeline: [{$sort: {a: 1}}, {$match: {a: 1}}]} \
            | pipeline[0].$match is missing (the archive says {"a": 1})
            """)
    void collectionOptions(String shows, String archived, String reported, String difference) {
        assertEquals(Optional.ofNullable(difference),
                ServerSpecs.optionsDifference(BsonDocument.parse(archived), BsonDocument.parse(reported)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            an index key in another order is another index | {v: 2, key: {a: 1, b: -1}, name: 'ab'} \
            | {v: 2, key: {b: -1, a: 1}, name: 'ab'} | key {"a": 1, "b": -1} became {"b": -1, "a": 1}
            an index option the server dropped is reported | {v: 2, key: {at: 1}, name: 'at_1', expireAfterSeconds: 3600} \
            | {v: 2, key: {at: 1}, name: 'at_1'} | expireAfterSeconds is missing (the archive says 3600)
            an index option the server changed is reported | {v: 2, key: {e: 1}, name: 'e_1', unique: true} \
            | {v: 2, key: {e: 1}, name: 'e_1', unique: false} | unique is false, the archive says true
            index bookkeeping is no difference | {v: 1, key: {a: 1.0}, name: 'a_1', ns: 'old.coll', background: true} \
            | {v: 2, key: {a: 1}, name: 'a_1'} |
            """)
    void indexSpecs(String shows, String archived, String reported, String difference) {
        assertEquals(Optional.ofNullable(difference),
                ServerSpecs.indexDifference(BsonDocument.parse(archived), BsonDocument.parse(reported)));
    }
}
