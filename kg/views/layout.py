"""A precomputed layout of the graph, for files that other tools open (GEXF, GraphML).

The HTML page lays itself out in the browser; Gephi and yEd open a file where every actor
already has a position.  Small graphs get a force-directed (Fruchterman-Reingold) layout;
large ones pivot MDS (Brandes & Pich 2006) from breadth-first distances, which is linear
in the graph's size, the same start the page computes for itself.
"""
from __future__ import annotations

import networkx as nx

SPRING_MAX_NODES = 400
PIVOTS = 50
SCALE = 1000.0


def positions(g: nx.MultiDiGraph, seed: int = 7) -> dict:
    """Node -> (x, y), stable for the same graph, spread over about ±SCALE."""
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes, key=str))
    for u, v in g.edges():
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + 1)
    if simple.number_of_nodes() <= SPRING_MAX_NODES:
        pos = nx.spring_layout(simple, seed=seed, iterations=50, scale=SCALE)
    else:
        pos = _pivot_mds(simple, seed)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in pos.items()}


def _pivot_mds(simple: nx.Graph, seed: int) -> dict:
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    nodes = list(simple.nodes)
    n = len(nodes)
    adj = nx.to_scipy_sparse_array(simple, nodelist=nodes, weight=None, format="csr")
    rng = np.random.default_rng(seed)
    k = min(PIVOTS, n)
    pivots, dist = [int(np.argmax(np.asarray(adj.sum(axis=0)).ravel()))], []
    nearest = np.full(n, np.inf)
    for _ in range(k):
        d = shortest_path(adj, directed=False, unweighted=True, indices=pivots[-1])
        d[np.isinf(d)] = (d[np.isfinite(d)].max() + 1) if np.isfinite(d).any() else 1
        dist.append(d)
        nearest = np.minimum(nearest, d)
        pivots.append(int(np.argmax(nearest)))
    c = np.array(dist).T ** 2                                   # n x k squared distances
    c = -0.5 * (c - c.mean(axis=0) - c.mean(axis=1, keepdims=True) + c.mean())
    u, s, _ = np.linalg.svd(c, full_matrices=False)
    xy = u[:, :2] * s[:2]
    xy += rng.normal(scale=0.05 * (np.abs(xy).max() or 1), size=xy.shape)  # separate equal-distance leaves
    xy *= SCALE / (np.abs(xy).max() or 1)
    return {node: tuple(xy[i]) for i, node in enumerate(nodes)}
