using RaftChaos.Node.Raft;
using RaftChaos.Node.StateMachine;

namespace RaftChaos.Node.Tests.Raft;

public sealed class PendingProposalsTests
{
    private static TaskCompletionSource<RequestOutcome> Waiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Test]
    public async Task Applied_SameTermAtTheIndex_Done()
    {
        var proposals = new PendingProposals();
        var waiter = Waiter();
        proposals.Add(5, 2, waiter);

        proposals.Applied(5, 2, ApplyResult.Done);

        Assert.That((await waiter.Task).Kind, Is.EqualTo(OutcomeKind.Done));
    }

    [Test]
    public async Task Applied_AnotherTermAtTheIndex_DefiniteFailureNotUnknown()
    {
        // Our entry (index 5, term 2) lost to term 3's entry at index 5: applied entries never change, so ours can
        // never be applied. The client must be able to record fail, not info.
        var proposals = new PendingProposals();
        var waiter = Waiter();
        proposals.Add(5, 2, waiter);

        proposals.Applied(5, 3, ApplyResult.Done);
        var outcome = await waiter.Task;

        Assert.That(outcome.Kind, Is.EqualTo(OutcomeKind.Failed));
        Assert.That(outcome.Reason, Does.Contain("index 5").And.Contain("term 3"));
        Assert.That(proposals.Count, Is.Zero);
    }

    [Test]
    public async Task FailAll_ProposedEntries_StayUnknown()
    {
        var proposals = new PendingProposals();
        var waiter = Waiter();
        proposals.Add(7, 2, waiter);

        proposals.FailAll("leadership lost");

        Assert.That((await waiter.Task).Kind, Is.EqualTo(OutcomeKind.Unavailable), "a proposed entry may still be committed by the next leader");
    }
}
