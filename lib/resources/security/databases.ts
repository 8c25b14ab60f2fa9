/** What counts as a database or cache, by port and by image. PURE; used by exposure.ts. */

/** Well-known ports of databases, caches and search engines that must never face the internet. */
export const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'Microsoft SQL Server'],
  [1521, 'Oracle Database'],
  [2379, 'etcd'],
  [3306, 'MySQL/MariaDB'],
  [5432, 'PostgreSQL'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [7000, 'Cassandra (inter-node)'],
  [7001, 'Cassandra (inter-node TLS)'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j (Bolt)'],
  [8086, 'InfluxDB'],
  [8123, 'ClickHouse (HTTP)'],
  [8529, 'ArangoDB'],
  [9042, 'Cassandra (CQL)'],
  [9160, 'Cassandra (Thrift)'],
  [9200, 'Elasticsearch/OpenSearch'],
  [9300, 'Elasticsearch (transport)'],
  [11211, 'Memcached'],
  [26257, 'CockroachDB'],
  [26379, 'Redis Sentinel'],
  [27017, 'MongoDB'],
  [27018, 'MongoDB (shard)'],
  [27019, 'MongoDB (config server)'],
  [28015, 'RethinkDB'],
]);

/**
 * Last path segment of an image repository → product. Exact names only: `redis-exporter` or
 * `postgres-operator` are not databases and must not warn.
 */
const DATABASE_IMAGES: ReadonlyMap<string, string> = new Map([
  ['postgres', 'PostgreSQL'],
  ['postgresql', 'PostgreSQL'],
  ['postgis', 'PostgreSQL'],
  ['timescaledb', 'PostgreSQL (TimescaleDB)'],
  ['timescaledb-ha', 'PostgreSQL (TimescaleDB)'],
  ['mysql', 'MySQL'],
  ['mysql-server', 'MySQL'],
  ['percona-server', 'MySQL (Percona)'],
  ['mariadb', 'MariaDB'],
  ['mongo', 'MongoDB'],
  ['mongodb', 'MongoDB'],
  ['mongodb-community-server', 'MongoDB'],
  ['redis', 'Redis'],
  ['redis-stack', 'Redis'],
  ['redis-stack-server', 'Redis'],
  ['valkey', 'Valkey'],
  ['keydb', 'KeyDB'],
  ['memcached', 'Memcached'],
  ['elasticsearch', 'Elasticsearch'],
  ['opensearch', 'OpenSearch'],
  ['cassandra', 'Cassandra'],
  ['scylla', 'ScyllaDB'],
  ['couchdb', 'CouchDB'],
  ['influxdb', 'InfluxDB'],
  ['neo4j', 'Neo4j'],
  ['cockroach', 'CockroachDB'],
  ['clickhouse-server', 'ClickHouse'],
  ['rethinkdb', 'RethinkDB'],
  ['arangodb', 'ArangoDB'],
  ['etcd', 'etcd'],
]);

/** `registry:5000/library/postgres:16@sha256:…` → product name, or undefined. */
export function databaseOfImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const noDigest = image.split('@')[0] ?? '';
  const segments = noDigest.split('/');
  const last = segments[segments.length - 1] ?? '';
  const repo = last.split(':')[0]?.toLowerCase() ?? '';
  if (/(^|\/)mssql\/server$/.test(noDigest.split(':')[0] ?? '') || repo === 'mssql-server-linux')
    return 'Microsoft SQL Server';
  return DATABASE_IMAGES.get(repo);
}
