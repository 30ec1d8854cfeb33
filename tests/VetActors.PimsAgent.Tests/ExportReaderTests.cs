using VetActors.Protos.Pims.V1;
using Record = VetActors.Protos.Pims.V1.Record;

namespace VetActors.PimsAgent.Tests;

public sealed class ExportReaderTests
{
    [Fact]
    public void Parse_ClientLine_AllFieldsAndRawKept()
    {
        const string line = """{"kind":"client","id":"C1","version":7,"first_name":"Ann","last_name":"Lee","address":{"line1":"1 Main St","city":"Springfield","region":"IL","postal_code":"62701"},"phones":["(555) 010-2030"],"email":"ann@example.com"}""";

        var record = ExportReader.Parse(line, 1);

        Assert.Equal(("C1", 7L, "Ann", "Lee", "ann@example.com", "Springfield"), (record.Id, record.Version, record.Client.FirstName, record.Client.LastName, record.Client.Email, record.Client.Address.City));
        Assert.Equal(["(555) 010-2030"], record.Client.Phones);
        Assert.Equal(line, record.Raw);
    }

    [Fact]
    public void Parse_PatientWithModifiedAt_VersionIsMillisecondsSince1970()
    {
        var record = ExportReader.Parse("""{"kind":"patient","id":"P1","modified_at":"2026-01-01T00:00:00Z","client_id":"C1","name":"Rex","species":"canine","weight":12.5,"deceased":true}""", 1);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), record.Version);
        Assert.Equal(("C1", "Rex", 12.5, true), (record.Patient.ClientId, record.Patient.Name, record.Patient.Weight, record.Patient.Deceased));
    }

    [Theory]
    [InlineData("""{"kind":"appointment","id":"A1","version":1,"patient_id":"P1","start":"2026-03-01T09:00:00Z","duration_minutes":30,"type":"exam","status":"booked"}""", Record.PayloadOneofCase.Appointment)]
    [InlineData("""{"kind":"service_reminder","id":"S1","version":1,"patient_id":"P1","service":"Rabies","due_date":"2026-03-01"}""", Record.PayloadOneofCase.ServiceReminder)]
    [InlineData("""{"kind":"vaccination","id":"V1","version":1,"patient_id":"P1","vaccine":"Rabies","given":"2025-03-01"}""", Record.PayloadOneofCase.Vaccination)]
    [InlineData("""{"kind":"prescription","id":"R1","version":1,"patient_id":"P1","drug":"Carprofen","status":"active"}""", Record.PayloadOneofCase.Prescription)]
    [InlineData("""{"kind":"deletion","id":"D1","version":2,"target_kind":"appointment","target_id":"A1","patient_id":"P1"}""", Record.PayloadOneofCase.Deletion)]
    [InlineData("""{"kind":"invoice","id":"I1","version":1}""", Record.PayloadOneofCase.None)]
    public void Parse_EachKind_MapsToItsPayload(string line, Record.PayloadOneofCase expected)
    {
        Assert.Equal(expected, ExportReader.Parse(line, 1).PayloadCase);
    }

    [Fact]
    public void Parse_NotJson_SentWithoutPayloadSoTheServerRejectsItVisibly()
    {
        var record = ExportReader.Parse("{not json", 42);

        Assert.Equal(("line-42", Record.PayloadOneofCase.None, "{not json"), (record.Id, record.PayloadCase, record.Raw));
    }

    [Fact]
    public void SyntheticExport_TenClients_TwentyFivePetsAndTheirRecords()
    {
        using var writer = new StringWriter();
        var count = SyntheticExport.Write(writer, 10, new DateOnly(2026, 1, 1));

        var records = ExportReader.Read(new StringReader(writer.ToString())).ToList();

        Assert.Equal(count, records.Count);
        Assert.Equal(10, records.Count(r => r.PayloadCase == Record.PayloadOneofCase.Client));
        Assert.Equal(25, records.Count(r => r.PayloadCase == Record.PayloadOneofCase.Patient));
        Assert.All(records.Where(r => r.Patient is not null), p => Assert.StartsWith("C", p.Patient.ClientId, StringComparison.Ordinal));
    }
}
