-- The tables and queries Orleans' ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet) needs on PostgreSQL,
-- written for CryptoFunk (the package ships no scripts) and run by PostgresClusteringSchema before a silo or client
-- starts. Orleans reads its queries by key (SELECT QueryKey, QueryText FROM OrleansQuery) and binds the parameters it
-- names (@DeploymentId is the cluster id). Everything is created only when missing, so running it again, from several
-- processes at once (PostgresClusteringSchema holds an advisory lock) or over tables and queries installed otherwise,
-- changes nothing. Times are timestamptz and every session of the clustering runs in UTC.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per cluster; Version is the table's etag: every membership change checks and increments it.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp timestamptz NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port and generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName varchar(150) NOT NULL,
    HostName varchar(150) NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NOT NULL DEFAULT 0,
    SuspectTimes text NULL,
    StartTime timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    $query$
    WITH inserted AS
    (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM inserted)
    $query$
),
(
    -- A silo's row is added only if the table is still at the version the silo read (@Version), and the version moves on.
    'InsertMembershipKey',
    $query$
    WITH version AS
    (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
            AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
        RETURNING DeploymentId
    ),
    inserted AS
    (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM inserted)
    $query$
),
(
    -- A silo's status and suspicions change only if the table is still at @Version, and the version moves on.
    'UpdateMembershipKey',
    $query$
    WITH version AS
    (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
            AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
        RETURNING DeploymentId
    ),
    updated AS
    (
        UPDATE OrleansMembershipTable AS member
        SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
        FROM version
        WHERE member.DeploymentId = version.DeploymentId
            AND member.Address = @Address AND member.Port = @Port AND member.Generation = @Generation
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM updated)
    $query$
),
(
    -- A heartbeat: only the silo's own liveness time, not a membership change.
    'UpdateIAmAlivetimeKey',
    $query$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
    $query$
),
(
    -- The table's version, with the silo's row when there is one (no StartTime: no such silo).
    'MembershipReadRowKey',
    $query$
    SELECT version.Version, member.Address, member.Port, member.Generation, member.SiloName, member.HostName,
        member.Status, member.ProxyPort, member.SuspectTimes, member.StartTime, member.IAmAliveTime
    FROM OrleansMembershipVersionTable AS version
    LEFT JOIN OrleansMembershipTable AS member ON member.DeploymentId = version.DeploymentId
        AND member.Address = @Address AND member.Port = @Port AND member.Generation = @Generation
    WHERE version.DeploymentId = @DeploymentId
    $query$
),
(
    'MembershipReadAllKey',
    $query$
    SELECT version.Version, member.Address, member.Port, member.Generation, member.SiloName, member.HostName,
        member.Status, member.ProxyPort, member.SuspectTimes, member.StartTime, member.IAmAliveTime
    FROM OrleansMembershipVersionTable AS version
    LEFT JOIN OrleansMembershipTable AS member ON member.DeploymentId = version.DeploymentId
    WHERE version.DeploymentId = @DeploymentId
    $query$
),
(
    -- Gateways clients may connect to: silos in @Status (active) that listen for clients.
    'GatewaysQueryKey',
    $query$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
    $query$
),
(
    'DeleteMembershipTableEntriesKey',
    $query$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
    $query$
),
(
    -- Rows of dead silos (status 6, Orleans' SiloStatus.Dead) last alive before @IAmAliveTime.
    'CleanupDefunctSiloEntriesKey',
    $query$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6
    $query$
)
ON CONFLICT (QueryKey) DO NOTHING;
