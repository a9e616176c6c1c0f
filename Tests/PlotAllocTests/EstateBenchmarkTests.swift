import Testing
@testable import Estate
@testable import Benchmarks

@Test func estatePlotsAreInTheExpansionCasesProportion() {
    #expect(EstateBenchmark.plots(forFirms: 140) == 96)
    #expect(EstateBenchmark.plots(forFirms: 50) == 34)
    #expect(EstateBenchmark.plots(forFirms: 1_600) == 1_097)
    #expect(EstateBenchmark.plots(forFirms: 16) == ScenarioGenerator.plotRange.lowerBound)
}

@Test func estateSizesAreParsedInOrder() throws {
    #expect(try EstateBenchmark.parseSizes("50,100, 200").get() == [50, 100, 200])
    #expect(try EstateBenchmark.parseSizes("1600").get() == [1_600])
}

@Test func estateSizesRefuseBadLists() {
    #expect(EstateBenchmark.parseSizes("") == .failure(.empty))
    #expect(EstateBenchmark.parseSizes("50,x") == .failure(.notANumber("x")))
    #expect(EstateBenchmark.parseSizes("50,,100") == .failure(.notANumber("")))
    #expect(EstateBenchmark.parseSizes("10") == .failure(.outOfRange(10)))
    #expect(EstateBenchmark.parseSizes("50,50") == .failure(.repeated(50)))
    #expect(EstateSizesError.outOfRange(10).description == "found 10; expected a number of firms 16…20000")
}

@Test func estateGeneratorMatchesPlotallocGenerate() throws {
    let g = try EstateBenchmark.generator(firms: 50, seed: 7)
    #expect(g.firms == 50 && g.plots == 34 && g.seed == 7)
    let generated = g.generate()
    #expect(generated.scenario.firms.count == 50)
    #expect(generated.scenario.site.plots.count == 34)
    #expect(generated == (try ScenarioGenerator(firms: 50, plots: 34, seed: 7)).generate())
}
