"""The summary graph: counts the aggregate audit queries read, so they do not scan every claim.

Three tallies: claims per holder, speaker and stance (`stance-by-holder`), attributions per
outlet (`anonymous-sourcing`), and who passes whose words on (the agent network's "quotes"
edges, the heaviest ``NETWORK_EDGES``; its counter edges are counted with the links). A per-date tally for `timeline` was tried and dropped: with
dates it has about half as many rows as there are claims, so it saved little and cost the
most to recompute.

One SPARQL update (any SPARQL 1.1 store runs it) replaces the graph from the article graphs.
It runs after each ingest with the links, so between ingests the summary always matches the
article graphs; `kg relink` reruns it after a bulk load.
"""

from __future__ import annotations

from kg.graph import iris
from kg.graph.terms import KG

NETWORK_EDGES = 1000  # per kind, the heaviest agent pairs the network can show

_PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX schema: <https://schema.org/>
"""
_TALLY = f"{iris.ID}tally/"

SUMMARY_UPDATE = (
    _PREFIXES
    + f"""DROP SILENT GRAPH <{iris.SUMMARY_GRAPH}> ;

INSERT {{ GRAPH <{iris.SUMMARY_GRAPH}> {{
  ?t a kg:StanceTally ; kg:holderName ?holder ; kg:speakerName ?speaker ; kg:stance ?s ; kg:count ?n .
}} }}
WHERE {{
  {{ SELECT ?holder ?speaker ?s (COUNT(?c) AS ?n) WHERE {{
      GRAPH ?g {{
        ?c a kg:Claim ; kg:holder/schema:name ?holder ; kg:stance ?s .
        OPTIONAL {{ ?c kg:attribution/kg:speaker/schema:name ?spk }}
      }}
      BIND(COALESCE(?spk, "(unsourced)") AS ?speaker)
  }} GROUP BY ?holder ?speaker ?s }}
  BIND(IRI(CONCAT("{_TALLY}stance/", MD5(CONCAT(?holder, "|", ?speaker, "|", STR(?s))))) AS ?t)
}} ;

INSERT {{ GRAPH <{iris.SUMMARY_GRAPH}> {{
  ?t a kg:SourcingTally ; kg:outletName ?outlet ; kg:count ?n ; kg:unnamedCount ?u .
}} }}
WHERE {{
  {{ SELECT ?outlet (COUNT(?att) AS ?n) (SUM(?one) AS ?u) WHERE {{
      GRAPH ?g {{
        ?att a kg:Attribution ; kg:speaker ?spk .
        ?a a kg:Article .
        OPTIONAL {{ ?a schema:publisher/schema:name ?pub }}
        BIND(IF(EXISTS {{ ?spk a kg:UnnamedSource }}, 1, 0) AS ?one)
      }}
      BIND(COALESCE(?pub, "(unknown outlet)") AS ?outlet)
  }} GROUP BY ?outlet }}
  BIND(IRI(CONCAT("{_TALLY}outlet/", MD5(?outlet))) AS ?t)
}} ;

INSERT {{ GRAPH <{iris.SUMMARY_GRAPH}> {{
  ?t a kg:EdgeTally ; kg:edgeKind "quotes" ; kg:source ?source ; kg:target ?target ; kg:count ?n .
}} }}
WHERE {{
  {{ SELECT ?source ?target (COUNT(*) AS ?n) WHERE {{
      GRAPH ?g {{ ?att kg:via ?step ; kg:speaker ?target . ?step kg:intermediary ?source }}
      FILTER(?source != ?target)
  }} GROUP BY ?source ?target ORDER BY DESC(?n) LIMIT {NETWORK_EDGES} }}
  BIND(IRI(CONCAT("{_TALLY}quotes/", MD5(CONCAT(STR(?source), "|", STR(?target))))) AS ?t)  # iris.edge_tally
}}"""
)
