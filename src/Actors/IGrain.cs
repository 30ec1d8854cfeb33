namespace VetActors.Actors;

/// <summary>Base of every grain interface; its methods return <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>.</summary>
#pragma warning disable CA1040 // A marker: the runtime finds grain interfaces by it.
public interface IGrain : IAddressable
{
}
#pragma warning restore CA1040
