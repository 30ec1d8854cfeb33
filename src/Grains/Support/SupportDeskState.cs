namespace VetActors.Grains.Support;

internal sealed class SupportDeskState
{
    public int LastCaseNumber { get; set; }

    public List<SupportCase> Cases { get; set; } = [];
}
