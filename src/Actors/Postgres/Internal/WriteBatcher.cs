using System.Threading.Channels;
using Npgsql;

namespace VetActors.Actors.Postgres.Internal;

/// <summary>
/// Group commit: a few pump loops each take every write queued so far (up to a batch size) and send them as one
/// implicit transaction in one round trip. Under load, batches grow by themselves; a lone write leaves at once.
/// Each write's completion is set only after the transaction's commit was confirmed.
/// </summary>
internal sealed class WriteBatcher : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchSize;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _pumps;

    public WriteBatcher(NpgsqlDataSource dataSource, int maxBatchSize, int concurrentBatches)
    {
        _dataSource = dataSource;
        _maxBatchSize = maxBatchSize;
        _pumps = Enumerable.Range(0, concurrentBatches).Select(_ => Task.Run(PumpAsync)).ToArray();
    }

    public Task<long?> WriteAsync(PendingWrite write)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), typeof(PostgresGrainStorage));

        return write.Completion.Task.WaitAsync(write.CancellationToken);
    }

    /// <summary>Runs one write as its own statement (also the fallback when a batch fails).</summary>
    public static async Task<long?> ExecuteSingleAsync(NpgsqlDataSource dataSource, PendingWrite write)
    {
        await using var command = dataSource.CreateCommand();
        command.CommandText = GrainStateSql.Write(command.Parameters, write);
        return await command.ExecuteScalarAsync(write.CancellationToken) is long version ? version : null;
    }

    public async ValueTask DisposeAsync()
    {
        // Queued writes are still sent: the pumps drain the queue before they end.
        _queue.Writer.TryComplete();
        await Task.WhenAll(_pumps);
    }

    private async Task PumpAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Completion.TrySetCanceled(write.CancellationToken);
                }
                else
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await ExecuteAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task ExecuteAsync(List<PendingWrite> batch)
    {
        if (batch.Count == 1)
        {
            await CompleteSingleAsync(batch[0]);
            return;
        }

        batch.Sort(PendingWrite.CompareByKey);
        long?[] versions;
        try
        {
            versions = await ExecuteBatchAsync(batch);
        }
        catch (PostgresException)
        {
            // When a statement of a batch fails, the server skips the rest of the batch, Parse messages of statements
            // being auto-prepared included, and Npgsql 10 can lose track of what is prepared on that connection (its
            // next command then reads another's rows: "unexpected DataRow"). Pooled connections are dropped so that
            // none carries that state; this path only runs for payloads the server rejects.
            _dataSource.Clear();

            // The failed statement rolled back the whole batch before anything was committed: each write is retried
            // on its own so that only the faulty one fails.
            foreach (var write in batch)
            {
                await CompleteSingleAsync(write);
            }

            return;
        }
        catch (Exception ex)
        {
            // Connection lost or similar: whether the batch committed is unknown, so no write is retried or acknowledged.
            foreach (var write in batch)
            {
                write.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(versions[i]);
        }
    }

    private async Task<long?[]> ExecuteBatchAsync(List<PendingWrite> batch)
    {
        await using var command = _dataSource.CreateBatch();
        foreach (var write in batch)
        {
            var statement = new NpgsqlBatchCommand();
            statement.CommandText = GrainStateSql.Write(statement.Parameters, write);
            command.BatchCommands.Add(statement);
        }

        // Without an explicit transaction the statements of one batch form a single implicit transaction, committed
        // when the server processes the batch's Sync; reading every result to the end waits for that commit.
        var versions = new long?[batch.Count];
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            var index = 0;
            do
            {
                versions[index++] = await reader.ReadAsync(CancellationToken.None) ? reader.GetInt64(0) : null;
            }
            while (await reader.NextResultAsync(CancellationToken.None));
        }

        return versions;
    }

    private async Task CompleteSingleAsync(PendingWrite write)
    {
        try
        {
            write.Completion.TrySetResult(await ExecuteSingleAsync(_dataSource, write));
        }
        catch (OperationCanceledException) when (write.CancellationToken.IsCancellationRequested)
        {
            write.Completion.TrySetCanceled(write.CancellationToken);
        }
        catch (Exception ex)
        {
            write.Completion.TrySetException(ex);
        }
    }
}
