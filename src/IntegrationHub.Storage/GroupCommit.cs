using System.Data.Common;
using IntegrationHub.Storage.Sql;

namespace IntegrationHub.Storage;

/// <summary>
/// Group commit: concurrent writes of one kind (intake) are made by one writer, many per transaction. SQLite has one
/// writer lock; with a transaction per request, concurrent requests queued on it in the busy handler (which sleeps and
/// polls) and paid a commit each. Here the lock is taken once per group and the commit is shared.
/// <para>
/// Each item runs inside its own savepoint: an item that throws is rolled back alone and its caller gets the exception,
/// while the others commit. Every caller is answered only after the group's commit (nothing is acknowledged that is not
/// stored). Items are written in arrival order in one transaction, so anything they chain (the audit log) stays a chain:
/// each item reads what the previous one wrote. If the group fails as a whole (open, begin, commit), each item is
/// written again alone, so one bad item cannot fail the others.
/// </para>
/// No background service: the first caller that finds the queue idle starts a drain loop, which ends when the queue
/// is empty.
/// </summary>
internal sealed class GroupCommit<TItem>(
    SqlDialect dialect, Func<DbConnection, DbTransaction, TItem, CancellationToken, Task<bool>> write, int maxGroup = 64)
{
    private readonly object _gate = new();
    private List<Entry> _queue = [];
    private bool _draining;
    private long _transactions;

    /// <summary>Group transactions begun so far (the tests check that concurrent writes share them).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    private sealed record Entry(TItem Item, TaskCompletionSource<bool> Done);

    /// <summary>Completes with the item's result once its group has committed, or with the exception its write threw.</summary>
    public Task<bool> WriteAsync(TItem item)
    {
        var entry = new Entry(item, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queue.Add(entry);
            start = !_draining;
            _draining = true;
        }
        if (start) _ = Task.Run(DrainAsync);
        return entry.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Entry> group;
            lock (_gate)
            {
                if (_queue.Count == 0) { _draining = false; return; }
                if (_queue.Count <= maxGroup) { group = _queue; _queue = []; }
                else { group = _queue.GetRange(0, maxGroup); _queue.RemoveRange(0, maxGroup); }
            }
            await WriteGroupAsync(group);
        }
    }

    /// <summary>Never throws: every entry ends with a result or an exception.</summary>
    private async Task WriteGroupAsync(List<Entry> group, int attempt = 1)
    {
        var results = new (bool Value, Exception? Error)[group.Count];
        try
        {
            var ct = CancellationToken.None; // a caller that goes away does not take the others' transaction with it
            Interlocked.Increment(ref _transactions);
            await using var c = await dialect.OpenAsync(ct);
            await using var tx = await dialect.BeginWriteAsync(c, ct);
            if (group.Count == 1) results[0] = (await write(c, tx, group[0].Item, ct), null);
            else
                for (var i = 0; i < group.Count; i++)
                {
                    await tx.SaveAsync("item", ct);
                    try
                    {
                        results[i] = (await write(c, tx, group[i].Item, ct), null);
                        await tx.ReleaseAsync("item", ct);
                    }
                    catch (Exception e) when (!dialect.IsTransient(e))
                    {
                        await tx.RollbackAsync("item", ct);
                        results[i] = (false, e);
                    }
                }
            await tx.CommitAsync(ct);
        }
        catch (Exception) when (group.Count > 1)
        {
            // A deadlock victim (PostgreSQL) aborts the whole transaction, not one savepoint: write each again alone.
            foreach (var entry in group) await WriteGroupAsync([entry]);
            return;
        }
        catch (Exception e) when (attempt < SqlDialect.WriteAttempts && dialect.IsTransient(e))
        {
            await SqlDialect.PauseBeforeRetryAsync(attempt, CancellationToken.None);
            await WriteGroupAsync(group, attempt + 1);
            return;
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < group.Count; i++)
            if (results[i].Error is { } error) group[i].Done.TrySetException(error);
            else group[i].Done.TrySetResult(results[i].Value);
    }
}
