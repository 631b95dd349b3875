using RaftChaos.Report.Model;

namespace RaftChaos.Report.Building;

/// <summary>
/// Cuts the timeline into pages of at most <see cref="ReportBuildOptions.PageSize"/> operations: keys in report order,
/// small keys sharing a page whole, a key bigger than a page cut into consecutive slices (by invoke order) of its own.
/// </summary>
internal static class TimelinePager
{
    /// <summary>The pages, and for each operation id the page it is drawn on.</summary>
    public static (IReadOnlyList<TimelinePage> Pages, int[] PageOfOperation) Build(
        IReadOnlyList<KeyTimeline> keys, IReadOnlyList<ReportOperation> operations, int pageSize)
    {
        var pages = new List<TimelinePage>();
        var pageOf = new int[operations.Count];
        var current = new List<PageSection>();
        var currentCount = 0;

        void Flush()
        {
            if (current.Count > 0)
            {
                pages.Add(new TimelinePage(pages.Count, current.ToArray()));
                current.Clear();
                currentCount = 0;
            }
        }

        void Add(int key, int first, int count)
        {
            var ids = keys[key].OperationIds;
            long start = long.MaxValue, end = long.MinValue;
            for (var i = first; i < first + count; i++)
            {
                var operation = operations[ids[i]];
                start = Math.Min(start, operation.Invoke);
                end = Math.Max(end, operation.Complete ?? operation.Invoke);
                pageOf[operation.Id] = pages.Count;
            }

            current.Add(new PageSection(key, first, count, start, end));
            currentCount += count;
        }

        for (var key = 0; key < keys.Count; key++)
        {
            var count = keys[key].OperationIds.Count;
            if (count > pageSize)
            {
                Flush();
                for (var first = 0; first < count; first += pageSize)
                {
                    Add(key, first, Math.Min(pageSize, count - first));
                    Flush();
                }
            }
            else
            {
                if (currentCount + count > pageSize)
                {
                    Flush();
                }

                Add(key, 0, count);
            }
        }

        Flush();
        return (pages, pageOf);
    }
}
