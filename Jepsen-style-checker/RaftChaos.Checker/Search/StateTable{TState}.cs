using System.Runtime.InteropServices;
using RaftChaos.Checker.History;
using RaftChaos.Checker.Models;

namespace RaftChaos.Checker.Search;

/// <summary>
/// The model's states interned to small integer ids (the initial state is 0), and its transitions cached per
/// (state id, operation), so the search compares and stores integers and calls the model once per pair.
/// </summary>
internal sealed class StateTable<TState>
    where TState : notnull
{
    /// <summary>The transition's result when the step is not legal.</summary>
    public const int Illegal = -1;

    // Transitions from the first few state ids sit in a dense table indexed by (operation, state); registers rarely
    // have more states than that. Encoding: 0 not computed yet, 1 illegal, id + 2 otherwise.
    private const int DenseStates = 8;

    private readonly Model<TState> model;
    private readonly Operation[] operations;
    private readonly List<TState> states = [];
    private readonly Dictionary<TState, int> stateIds;
    private readonly int[] denseTransitions;
    private readonly Dictionary<long, int> sparseTransitions = [];

    public StateTable(Model<TState> model, Operation[] operations)
    {
        this.model = model;
        this.operations = operations;
        stateIds = new Dictionary<TState, int>(model.StateComparer);
        denseTransitions = new int[operations.Length * DenseStates];
        Intern(model.Init);
    }

    public TState StateOf(int id) => states[id];

    /// <summary>The id of <paramref name="state"/>, interning it if new.</summary>
    public int IdOf(TState state) => Intern(state);

    /// <summary>Like <see cref="Transition"/>, without caching the pair: for one-off questions that the search will not ask again.</summary>
    public int TransitionUncached(int state, int operation) =>
        state < DenseStates ? Transition(state, operation) : Step(state, operation);

    /// <summary>The state id after <paramref name="operation"/> in state <paramref name="state"/>, or <see cref="Illegal"/>.</summary>
    public int Transition(int state, int operation)
    {
        if (state < DenseStates)
        {
            ref var cached = ref denseTransitions[(operation * DenseStates) + state];
            if (cached == 0)
            {
                var next = Step(state, operation);
                cached = next + 2;
            }

            return cached - 2;
        }

        ref var sparse = ref CollectionsMarshal.GetValueRefOrAddDefault(sparseTransitions, ((long)state << 32) | (uint)operation, out var exists);
        if (!exists)
        {
            sparse = Step(state, operation);
        }

        return sparse;
    }

    private int Step(int state, int operation) =>
        model.Step(states[state], operations[operation], out var next) ? Intern(next) : Illegal;

    private int Intern(TState state)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(stateIds, state, out var exists);
        if (!exists)
        {
            id = states.Count;
            states.Add(state);
        }

        return id;
    }
}
