import Testing
@testable import Benchmarks

@Test func sampleSpreadOfAnOddSampleIsItsMiddleValue() throws {
    let s = try #require(SampleSpread([9.5, 1.25, 4, 7, 2]))
    #expect(s.count == 5)
    #expect(s.median == 4)
    #expect(s.minimum == 1.25)
    #expect(s.maximum == 9.5)
    #expect(s.range == 8.25)
}

@Test func sampleSpreadOfAnEvenSampleAveragesTheTwoMiddleValues() throws {
    let s = try #require(SampleSpread([10, 2, 8, 4]))
    #expect(s.median == 6)
    #expect(s.minimum == 2)
    #expect(s.maximum == 10)
}

@Test func sampleSpreadOfOneValue() throws {
    let s = try #require(SampleSpread([0.125]))
    #expect(s.count == 1)
    #expect(s.median == 0.125 && s.minimum == 0.125 && s.maximum == 0.125 && s.range == 0)
}

@Test func sampleSpreadLeavesOutMissingAndNonFiniteValues() throws {
    let s = try #require(SampleSpread([3, nil, .nan, 1, .infinity, nil, 2] as [Double?]))
    #expect(s.count == 3)
    #expect(s.median == 2)
    #expect(s.minimum == 1 && s.maximum == 3)
    #expect(SampleSpread([Double]()) == nil)
    #expect(SampleSpread([.nan, -.infinity]) == nil)
    #expect(SampleSpread([nil, nil] as [Double?]) == nil)
}

@Test func sampleSpreadEncodesMedianMinAndMax() throws {
    let s = try #require(SampleSpread([1, 2, 3, 5]))
    #expect(BenchmarkJSON.line(s) == #"{"count":4,"max":5,"median":2.5,"min":1}"#)
}
