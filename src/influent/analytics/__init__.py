"""Work over many rows: follower change points, follower audits."""
