package dev.tracekit.traced;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator exists, so the advisor is applied without any
 * {@code @Enable...} annotation or AspectJ on the classpath. An existing creator (Spring Boot's,
 * or one from {@code @EnableAspectJAutoProxy}, {@code @EnableTransactionManagement}, ...) is kept
 * with its settings; one registered here follows {@code spring.aop.proxy-target-class}, which
 * defaults to class-based proxies as in Spring Boot.
 */
final class AutoProxyCreatorRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		boolean existing = registry.containsBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME);
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		if (!existing && this.environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true)) {
			AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
		}
	}

}
