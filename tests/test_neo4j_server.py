"""The real Neo4j test server: connectivity, Thai text round trip, auth."""

import neo4j
import pytest

pytestmark = pytest.mark.neo4j


def test_return_one(neo4j_driver):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x")
    assert records[0]["x"] == 1


def test_thai_text_round_trip(neo4j_clean):
    driver = neo4j_clean
    driver.execute_query("MERGE (n:T {name:'ร้อยเอ็ด'})")
    driver.execute_query("MERGE (n:T {name: $name})", name="ร้อยเอ็ด")  # same node again
    records, _, _ = driver.execute_query("MATCH (n:T) RETURN n.name AS name")
    assert [r["name"] for r in records] == ["ร้อยเอ็ด"]


def test_clean_removes_nodes_and_schema(neo4j_driver, request):
    neo4j_driver.execute_query("CREATE CONSTRAINT t_name IF NOT EXISTS FOR (n:T) REQUIRE n.name IS UNIQUE")
    neo4j_driver.execute_query("CREATE INDEX t_other IF NOT EXISTS FOR (n:T) ON (n.other)")
    neo4j_driver.execute_query("CREATE (:T {name:'x'})-[:R]->(:U)")
    request.getfixturevalue("neo4j_clean")
    count = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    constraints = neo4j_driver.execute_query("SHOW CONSTRAINTS").records
    indexes = neo4j_driver.execute_query("SHOW INDEXES YIELD type WHERE type <> 'LOOKUP' RETURN type").records
    assert (count, constraints, indexes) == (0, [], [])


def test_wrong_password_is_rejected(neo4j_server):
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password + "-wrong"))
    try:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()
    finally:
        driver.close()
