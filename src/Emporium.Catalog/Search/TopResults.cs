namespace Emporium.Catalog.Search;

/// <summary>
/// The first <c>count</c> results in order without sorting them all: a common word matches tens of
/// thousands of products, and a page needs two dozen of them.
/// </summary>
internal static class TopResults
{
    public static List<Candidate> Take(List<Candidate> results, int count, Comparison<Candidate> order)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (count >= results.Count / 4)
        {
            results.Sort(order);
            return results.Count > count ? results.GetRange(0, count) : results;
        }

        // A bounded heap whose root is the worst of the best so far: O(n log count) instead of O(n log n).
        var worstFirst = Comparer<Candidate>.Create((a, b) => order(b, a));
        var heap = new PriorityQueue<Candidate, Candidate>(count + 1, worstFirst);
        foreach (var candidate in results)
        {
            if (heap.Count < count)
            {
                heap.Enqueue(candidate, candidate);
            }
            else if (count > 0 && order(candidate, heap.Peek()) < 0)
            {
                heap.EnqueueDequeue(candidate, candidate);
            }
        }

        var top = new List<Candidate>(heap.Count);
        while (heap.Count > 0)
        {
            top.Add(heap.Dequeue());
        }

        top.Reverse();
        return top;
    }
}
